// Small behaviours shared by every page (no inline scripts: the CSP forbids them).
document.addEventListener("htmx:responseError", (event) => {
  const target = document.getElementById("htmx-error");
  if (target) {
    target.textContent = event.detail.xhr.responseText.slice(0, 500) || "The server refused the change.";
  }
});
document.querySelectorAll("[data-autosubmit]").forEach((element) => {
  element.addEventListener("change", () => element.form && element.form.requestSubmit());
});
// Menus: one open at a time; a click elsewhere or Escape closes it.
document.addEventListener("click", (event) => {
  document.querySelectorAll(".nav-group details[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".nav-group details[open]").forEach((menu) => menu.removeAttribute("open"));
});
// Searchable pickers (irsuite/pickers.py): the box above a list hides the options whose label
// (with its group's, e.g. a colleague's role) lacks a word typed; the empty choice and the
// chosen option stay visible, and a group with nothing left is hidden.
document.addEventListener("input", (event) => {
  const box = event.target;
  if (!box.matches || !box.matches("[data-picker-for]")) return;
  const select = document.getElementById(box.dataset.pickerFor);
  if (!select) return;
  const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
  for (const option of select.options) {
    const group = option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "";
    const text = `${option.text} ${group}`.toLowerCase();
    option.hidden = !(option.value === "" || option.selected || words.every((w) => text.includes(w)));
  }
  for (const group of select.querySelectorAll("optgroup")) {
    group.hidden = [...group.children].every((option) => option.hidden);
  }
});
