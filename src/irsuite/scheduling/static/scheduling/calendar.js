// Drag-and-drop rebooking on the day and week calendars. The server decides: a refused move
// (room, patient or operator taken) comes back as an error message and nothing changes.
(function () {
  "use strict";
  let dragged = null;

  function dropTarget(element) {
    return element && element.closest && element.closest(".cal-slot, .cal-cell");
  }

  function startOf(target, booking) {
    if (target.dataset.start) {
      return target.dataset.start;
    }
    return target.dataset.day + "T" + booking.dataset.time;
  }

  document.addEventListener("dragstart", (event) => {
    const booking = event.target.closest && event.target.closest(".cal-booking[draggable=true]");
    if (!booking) {
      return;
    }
    dragged = booking;
    booking.classList.add("cal-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", booking.dataset.moveUrl);
  });

  document.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("cal-dragging");
    }
    document.querySelectorAll(".cal-over").forEach((el) => el.classList.remove("cal-over"));
    dragged = null;
  });

  document.addEventListener("dragover", (event) => {
    const target = dropTarget(event.target);
    if (dragged && target) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      document.querySelectorAll(".cal-over").forEach((el) => el.classList.remove("cal-over"));
      target.classList.add("cal-over");
    }
  });

  document.addEventListener("drop", (event) => {
    const target = dropTarget(event.target);
    if (!dragged || !target) {
      return;
    }
    event.preventDefault();
    const error = document.getElementById("htmx-error");
    if (error) {
      error.textContent = "";
    }
    htmx.ajax("POST", dragged.dataset.moveUrl, {
      source: dragged,
      target: "#calendar-grid",
      swap: "outerHTML",
      values: {
        room: target.dataset.room,
        start: startOf(target, dragged),
        version: dragged.dataset.version,
        view: dragged.dataset.view || "day",
      },
    });
  });
})();
