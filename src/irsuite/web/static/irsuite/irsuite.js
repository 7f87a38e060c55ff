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
