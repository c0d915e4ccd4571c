// The "add a row" buttons of inline forms (console/inline_list_base.html): Flask-Admin's own template runs them
// from an onclick attribute, which the console's Content Security Policy refuses; bind the action here.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a.inline-add-row").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      window.faForm.addInlineField(button, button.getAttribute("data-field"));
    });
  });
});
