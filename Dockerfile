# collab-bot in a container: `collab-bot serve` (HTTP) as a non-root user.
# Build: docker build -t collab-bot .      Run with PostgreSQL: docker compose up (compose.yaml)
# Settings come from the environment (README "Settings"; .env.example) — none are baked in.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY services ./services
COPY ui ./ui
COPY slack_api ./slack_api
COPY storage ./storage
COPY domain ./domain
COPY slackfake ./slackfake
RUN python -m venv /opt/collab-bot \
    && /opt/collab-bot/bin/pip install ".[postgres]"

FROM python:3.11-slim
ENV PATH=/opt/collab-bot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PORT=3000
RUN useradd --create-home --no-log-init --uid 10001 --user-group collab
COPY --from=build /opt/collab-bot /opt/collab-bot
# The default SQLite file (without DATABASE_URL) lands in the user's home.
WORKDIR /home/collab
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '3000'), timeout=4)"]
CMD ["collab-bot", "serve"]
