// The trigger editor: in each WHEN/IF/THEN row show only the inputs the chosen kind uses.
// Without this script every input stays visible and the form works the same.
document.addEventListener("DOMContentLoaded", function () {
  function update(row) {
    var kind = row.querySelector("select[name$='-kind']").value;
    row.querySelectorAll(".operand").forEach(function (operand) {
      var used = operand.getAttribute("data-kinds").split(" ").indexOf(kind) >= 0;
      operand.classList.toggle("d-none", !used);
    });
  }
  document.querySelectorAll(".trigger-row").forEach(function (row) {
    update(row);
    row.querySelector("select[name$='-kind']").addEventListener("change", function () { update(row); });
  });
});
