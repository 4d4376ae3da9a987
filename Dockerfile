# cognito-emulator: docker build -t cognito-emulator . && docker run -p 127.0.0.1:9229:9229 cognito-emulator
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

WORKDIR /app

# The package only (no test extras), installed non-editably: the demo seed it serves is the
# package data (emulator/fixtures/default.json), and /src is gone afterwards. pip compiles the
# bytecode at install time, so the non-root user never needs to write it and start-up does not
# pay for compiling.
COPY pyproject.toml README.md /src/
COPY emulator /src/emulator
RUN pip install /src \
    && rm -rf /src
# The compiled copies of botocore's Cognito models (emulator/wire/model_cache.py), written now
# beside the bytecode for the same reason: the non-root user could not write them at start.
RUN python -c "from emulator.wire.models import services_by_prefix; services_by_prefix()"

ENV EMULATOR_HOST=0.0.0.0 \
    EMULATOR_PORT=9229

# A non-root user, and /state owned by it, so `-v cognito-state:/state` (a named volume takes
# the ownership of the directory it is mounted on) is writable with EMULATOR_STATE_DIR=/state.
RUN useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin emulator \
    && install -d -o emulator -g emulator -m 0700 /state
USER emulator:emulator

EXPOSE 9229

HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('EMULATOR_PORT') or '9229'; sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{port}/_emulator/health', timeout=2).status == 200 else 1)"]

# 0.0.0.0 only inside the container, so a published port reaches it. EMULATOR_HOST says the
# same, so `docker run IMAGE cognito-emulator --no-fixtures` still binds it. SIGTERM exits 0.
CMD ["cognito-emulator", "--host", "0.0.0.0"]
