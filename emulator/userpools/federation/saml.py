"""What AWS reads out of a SAML provider's metadata: the IdP's redirect-binding sign-in and
sign-out URLs (``SSORedirectBindingURI``, ``SLORedirectBindingURI`` in Describe).

A ``MetadataFile`` must be an EntityDescriptor with an IDPSSODescriptor; a ``MetadataURL`` is
fetched when the emulator can reach it, else the provider keeps the URL alone. The parser
refuses DTDs (no entity expansion), so a metadata file cannot blow up memory."""

from __future__ import annotations

from emulator.wire.errors import InvalidParameterException

MD = "{urn:oasis:names:tc:SAML:2.0:metadata}"
REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
INVALID = "Invalid SAML metadata."


def metadata_endpoints(document: str) -> dict[str, str]:
    """The redirect-binding endpoints of an IdP metadata document (InvalidParameterException
    when it is not one)."""
    if "<!DOCTYPE" in document.upper():
        raise InvalidParameterException(INVALID)
    import xml.etree.ElementTree as ElementTree  # only SAML providers need it: not a start-up import

    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError:
        raise InvalidParameterException(INVALID) from None
    descriptor = root if root.tag == f"{MD}IDPSSODescriptor" else root.find(f".//{MD}IDPSSODescriptor")
    if root.tag not in (f"{MD}EntityDescriptor", f"{MD}EntitiesDescriptor") or descriptor is None:
        raise InvalidParameterException(INVALID)
    found: dict[str, str] = {}
    services = (("SingleSignOnService", "SSORedirectBindingURI"), ("SingleLogoutService", "SLORedirectBindingURI"))
    for tag, key in services:
        for service in descriptor.findall(f"{MD}{tag}"):
            if service.get("Binding") == REDIRECT and service.get("Location"):
                found[key] = str(service.get("Location"))
                break
    if "SSORedirectBindingURI" not in found:
        raise InvalidParameterException(INVALID)
    return found
