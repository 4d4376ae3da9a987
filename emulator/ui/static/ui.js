// The dashboard's only script (served from the package; the pages allow no inline script).
"use strict";

// Copy buttons: <button data-copy="value">.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const value = button.dataset.copy;
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    const area = document.createElement("textarea");  // no clipboard API (plain http on a LAN address)
    area.value = value;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  const label = button.textContent;
  button.textContent = "Copied";
  button.classList.add("copied");
  setTimeout(() => { button.textContent = label; button.classList.remove("copied"); }, 1500);
});

// Forms that ask first: <form data-confirm="question">.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// The outbox refreshes itself: poll its JSON every 2 s; rows come rendered (and escaped) by the server.
const outbox = document.getElementById("outbox");
if (outbox) {
  let version = outbox.dataset.version;
  const rows = document.getElementById("outbox-rows");
  const count = document.getElementById("outbox-count");
  setInterval(async () => {
    try {
      const response = await fetch(`${outbox.dataset.poll}&version=${encodeURIComponent(version)}`);
      if (!response.ok) return;
      const data = await response.json();
      count.textContent = data.total;
      if (data.html === undefined || data.version === version) return;
      version = data.version;
      rows.innerHTML = data.html;
      if (rows.firstElementChild) rows.firstElementChild.classList.add("fresh");
    } catch { /* the emulator restarting: try again next time */ }
  }, 2000);
}
