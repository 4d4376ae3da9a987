"""The hosted UI's pages (sign-in, sign-up, confirm, forgot password, new password, MFA), plain
server-rendered HTML that works without JavaScript and loads nothing from elsewhere."""
