"""The hosted pages' words in managed login's languages (``lang`` on /oauth2/authorize and
/login [doc: "Managed login localization"]: de, en, es, fr, id, it, ja, ko, pt-BR, zh-CN, zh-TW).
A small catalogue keyed by the English text: the page chrome (titles, labels, buttons, links) is
translated for de, es, fr and ja; every other language, and any text not listed, falls back to
English. AWS's error messages stay in English, as the API's are. AWS keeps the choice in a cookie
until another ``lang`` is given [doc]; so does the emulator (``COOKIE``)."""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("de", "en", "es", "fr", "id", "it", "ja", "ko", "pt-BR", "zh-CN", "zh-TW")
COOKIE = "cognito-lang"  # guess: AWS's cookie name is not documented (and not a client contract)
DEFAULT = "en"

_DE = {
    "Sign in": "Anmelden",
    "Sign in with your username and password": "Mit Benutzername und Passwort anmelden",
    "Username": "Benutzername", "Email": "E-Mail", "Phone number": "Telefonnummer",
    "Email or phone number": "E-Mail oder Telefonnummer", "Password": "Passwort",
    "Next": "Weiter", "Forgot your password?": "Passwort vergessen?", "Need an account?": "Noch kein Konto?",
    "Sign up": "Registrieren", "Already have an account?": "Sie haben bereits ein Konto?",
    "Sign up with a new account": "Neues Konto erstellen", "Confirm your account": "Konto bestätigen",
    "Verification code": "Bestätigungscode", "Confirm account": "Konto bestätigen", "Resend code": "Code erneut senden",
    "Reset your password": "Passwort zurücksetzen", "Reset my password": "Mein Passwort zurücksetzen",
    "Back to sign in": "Zurück zur Anmeldung", "Code": "Code", "New password": "Neues Passwort",
    "Change password": "Passwort ändern", "Change Password": "Passwort ändern", "Send": "Senden",
    "Continue": "Weiter", "Choose how to sign in": "Anmeldemethode wählen",
    "Sign in with a passkey": "Mit einem Passkey anmelden", "Sign in with password": "Mit Passwort anmelden",
    "Email me a code": "Code per E-Mail senden", "Text me a code": "Code per SMS senden",
    "Other sign-in options": "Andere Anmeldeoptionen", "Add a passkey": "Passkey hinzufügen",
    "Not now": "Jetzt nicht", "Choose an MFA method": "MFA-Methode wählen",
    "Set up multi-factor authentication": "Multi-Faktor-Authentifizierung einrichten",
    "Set up your authenticator app": "Authentifizierungs-App einrichten",
    "Authenticator app": "Authentifizierungs-App", "Verify and sign in": "Bestätigen und anmelden",
    "Enter the code from your authenticator app.": "Geben Sie den Code aus Ihrer Authentifizierungs-App ein.",
}
_FR = {
    "Sign in": "Se connecter",
    "Sign in with your username and password": "Connectez-vous avec votre nom d'utilisateur et votre mot de passe",
    "Username": "Nom d'utilisateur", "Email": "E-mail", "Phone number": "Numéro de téléphone",
    "Email or phone number": "E-mail ou numéro de téléphone", "Password": "Mot de passe",
    "Next": "Suivant", "Forgot your password?": "Mot de passe oublié ?", "Need an account?": "Pas encore de compte ?",
    "Sign up": "S'inscrire", "Already have an account?": "Vous avez déjà un compte ?",
    "Sign up with a new account": "Créer un compte", "Confirm your account": "Confirmez votre compte",
    "Verification code": "Code de vérification", "Confirm account": "Confirmer le compte",
    "Resend code": "Renvoyer le code", "Reset your password": "Réinitialiser votre mot de passe",
    "Reset my password": "Réinitialiser mon mot de passe", "Back to sign in": "Retour à la connexion",
    "Code": "Code", "New password": "Nouveau mot de passe", "Change password": "Changer le mot de passe",
    "Change Password": "Changer le mot de passe", "Send": "Envoyer", "Continue": "Continuer",
    "Choose how to sign in": "Choisissez comment vous connecter",
    "Sign in with a passkey": "Se connecter avec une clé d'accès",
    "Sign in with password": "Se connecter avec un mot de passe", "Email me a code": "Recevoir un code par e-mail",
    "Text me a code": "Recevoir un code par SMS", "Other sign-in options": "Autres options de connexion",
    "Add a passkey": "Ajouter une clé d'accès", "Not now": "Pas maintenant",
    "Choose an MFA method": "Choisissez une méthode MFA",
    "Set up multi-factor authentication": "Configurer l'authentification multifacteur",
    "Set up your authenticator app": "Configurer votre application d'authentification",
    "Authenticator app": "Application d'authentification", "Verify and sign in": "Vérifier et se connecter",
    "Enter the code from your authenticator app.": "Saisissez le code de votre application d'authentification.",
}
_ES = {
    "Sign in": "Iniciar sesión",
    "Sign in with your username and password": "Inicie sesión con su nombre de usuario y contraseña",
    "Username": "Nombre de usuario", "Email": "Correo electrónico", "Phone number": "Número de teléfono",
    "Email or phone number": "Correo electrónico o número de teléfono", "Password": "Contraseña",
    "Next": "Siguiente", "Forgot your password?": "¿Ha olvidado su contraseña?",
    "Need an account?": "¿No tiene cuenta?",
    "Sign up": "Registrarse", "Already have an account?": "¿Ya tiene una cuenta?",
    "Sign up with a new account": "Crear una cuenta nueva", "Confirm your account": "Confirme su cuenta",
    "Verification code": "Código de verificación", "Confirm account": "Confirmar cuenta",
    "Resend code": "Reenviar código", "Reset your password": "Restablecer su contraseña",
    "Reset my password": "Restablecer mi contraseña", "Back to sign in": "Volver a iniciar sesión",
    "Code": "Código", "New password": "Nueva contraseña", "Change password": "Cambiar contraseña",
    "Change Password": "Cambiar contraseña", "Send": "Enviar", "Continue": "Continuar",
    "Choose how to sign in": "Elija cómo iniciar sesión",
    "Sign in with a passkey": "Iniciar sesión con una clave de acceso",
    "Sign in with password": "Iniciar sesión con contraseña", "Email me a code": "Enviarme un código por correo",
    "Text me a code": "Enviarme un código por SMS", "Other sign-in options": "Otras opciones de inicio de sesión",
    "Add a passkey": "Agregar una clave de acceso", "Not now": "Ahora no",
    "Choose an MFA method": "Elija un método de MFA",
    "Set up multi-factor authentication": "Configurar la autenticación multifactor",
    "Set up your authenticator app": "Configure su aplicación de autenticación",
    "Authenticator app": "Aplicación de autenticación", "Verify and sign in": "Verificar e iniciar sesión",
    "Enter the code from your authenticator app.": "Introduzca el código de su aplicación de autenticación.",
}
_JA = {
    "Sign in": "サインイン", "Sign in with your username and password": "ユーザー名とパスワードでサインイン",
    "Username": "ユーザー名", "Email": "E メール", "Phone number": "電話番号",
    "Email or phone number": "E メールまたは電話番号", "Password": "パスワード", "Next": "次へ",
    "Forgot your password?": "パスワードをお忘れですか?", "Need an account?": "アカウントをお持ちでない場合",
    "Sign up": "サインアップ", "Already have an account?": "アカウントをお持ちの場合",
    "Sign up with a new account": "新しいアカウントでサインアップ", "Confirm your account": "アカウントを確認",
    "Verification code": "確認コード", "Confirm account": "アカウントを確認", "Resend code": "コードを再送信",
    "Reset your password": "パスワードをリセット", "Reset my password": "パスワードをリセット",
    "Back to sign in": "サインインに戻る", "Code": "コード", "New password": "新しいパスワード",
    "Change password": "パスワードを変更", "Change Password": "パスワードを変更", "Send": "送信", "Continue": "続行",
    "Choose how to sign in": "サインイン方法を選択", "Sign in with a passkey": "パスキーでサインイン",
    "Sign in with password": "パスワードでサインイン", "Email me a code": "E メールでコードを受け取る",
    "Text me a code": "SMS でコードを受け取る", "Other sign-in options": "その他のサインイン方法",
    "Add a passkey": "パスキーを追加", "Not now": "後で", "Choose an MFA method": "MFA の方法を選択",
    "Set up multi-factor authentication": "多要素認証を設定",
    "Set up your authenticator app": "認証アプリを設定", "Authenticator app": "認証アプリ",
    "Verify and sign in": "確認してサインイン",
    "Enter the code from your authenticator app.": "認証アプリのコードを入力してください。",
}
CATALOGUE: dict[str, dict[str, str]] = {"de": _DE, "fr": _FR, "es": _ES, "ja": _JA}


def language(requested: str | None, remembered: str | None = None) -> str:
    """The page language: ``lang`` when it is one of managed login's, else the remembered one,
    else English (an unknown ``lang`` is ignored; guess: AWS's answer to one is not documented)."""
    for candidate in (requested, remembered):
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT


def translator(lang: str) -> Callable[[str], str]:
    table = CATALOGUE.get(lang, {})
    return lambda text: table.get(text, text)
