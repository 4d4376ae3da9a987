"""botocore's service models, loaded once: the single source of wire truth.

Operation names, input shapes and constraints all come from here, so the
emulator follows the installed botocore instead of a hand-typed copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import botocore.session
from botocore.model import OperationModel, ServiceModel


@dataclass(frozen=True, slots=True)
class Service:
    """One AWS service as the wire sees it: its X-Amz-Target prefix and model."""

    name: str  # botocore service name, e.g. "cognito-idp"
    target_prefix: str  # e.g. "AWSCognitoIdentityProviderService"
    model: ServiceModel

    def operation(self, name: str) -> OperationModel | None:
        if name not in self.operation_names:
            return None
        return self.model.operation_model(name)

    @property
    def operation_names(self) -> frozenset[str]:
        return _operation_names(self.name)


@cache
def _operation_names(service_name: str) -> frozenset[str]:
    return frozenset(load_service(service_name).model.operation_names)


@cache
def load_service(service_name: str) -> Service:
    model = botocore.session.get_session().get_service_model(service_name)
    return Service(service_name, model.metadata["targetPrefix"], model)


USER_POOLS = "cognito-idp"
IDENTITY_POOLS = "cognito-identity"


def services_by_prefix() -> dict[str, Service]:
    services = (load_service(USER_POOLS), load_service(IDENTITY_POOLS))
    return {s.target_prefix: s for s in services}
