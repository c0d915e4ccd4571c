// Flask-Admin's list menu without inline handlers (the console's CSP forbids them): run the chosen action on the
// selected rows, and keep the filter links from following their "#".
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a[data-model-action]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.modelActions.execute(link.getAttribute("data-model-action"));
    });
  });
  document.querySelectorAll(".field-filters a.filter").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); });
  });
});
