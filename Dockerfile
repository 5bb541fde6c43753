# The complaint-desk image that temporal-compose.yml runs twice: as the Temporal worker
# (`npm run worker`) and as the HTTP API (`npm run api`).
# Debian, not Alpine: the Temporal SDK's native core ships glibc builds only.
FROM node:24.21.0-bookworm-slim

WORKDIR /app

# Debian's Chromium prints the formal letters as PDF (api/letters/pdf.ts); the Noto fonts cover
# Hebrew. Without it the API answers PDF requests 503 with the reason; the HTML letters still work.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-noto-core \
  && rm -rf /var/lib/apt/lists/*

# Dependencies first, so code changes reuse this layer. Dev dependencies stay: tsc needs them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npx tsc -p tsconfig.json \
  && mkdir -p data \
  && chown node:node data

ENV NODE_ENV=production
USER node

CMD ["npm", "run", "worker"]
