"""wire/region.py: the region a request speaks to."""

from __future__ import annotations

from emulator.wire.region import request_region

SIGNED = ("AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-3/cognito-idp/aws4_request, "
          "SignedHeaders=host;x-amz-date, Signature=abc")


def test_the_signature_scope_wins() -> None:
    assert request_region(SIGNED, {"UserPoolId": "us-west-2_abc"}, "us-east-1") == "eu-west-3"


def test_unsigned_calls_take_the_pool_they_name() -> None:
    assert request_region(None, {"UserPoolId": "us-west-2_abc"}, "us-east-1") == "us-west-2"
    assert request_region(None, {"IdentityPoolId": "ap-south-1:0000"}, "us-east-1") == "ap-south-1"
    assert request_region(None, {"IdentityId": "eu-north-1:0000"}, "us-east-1") == "eu-north-1"


def test_anything_else_is_the_default() -> None:
    assert request_region(None, {"ClientId": "abc"}, "us-east-1") == "us-east-1"
    assert request_region(None, {"UserPoolId": "not a region_abc"}, "us-east-1") == "us-east-1"
    bogus = SIGNED.replace("eu-west-3", "../../etc")
    assert request_region(bogus, {}, "us-east-1") == "us-east-1"
    assert request_region(None, {"UserPoolId": 7}, "us-east-1") == "us-east-1"
