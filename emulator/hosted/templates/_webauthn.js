/* The browser's WebAuthn call with the options the user pool answered; binary fields travel as
   base64url, as Amplify encodes them. */
function fromB64(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
function toB64(buffer) {
  let text = "";
  new Uint8Array(buffer).forEach((byte) => { text += String.fromCharCode(byte); });
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function shown(message) {
  const box = document.getElementById("passkey-error");
  box.textContent = message;
  box.hidden = false;
}
