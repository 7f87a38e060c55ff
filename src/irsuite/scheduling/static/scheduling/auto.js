// The auto-scheduler runs while the page waits: say so and stop a second submission.
document.querySelectorAll("form[data-busy-text]").forEach((form) => {
  form.addEventListener("submit", () => {
    const status = form.querySelector("[data-busy-status]");
    if (status) {
      status.textContent = form.dataset.busyText;
    }
    form.querySelectorAll("button[type=submit]").forEach((button) => {
      button.disabled = true;
    });
  });
});
