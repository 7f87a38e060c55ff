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
