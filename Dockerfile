# The OSCP scorecard API and dashboard, for a server install (see docker-compose.yml).
# Node 22 LTS on Debian, with Chromium for the briefing pack's PDF export.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/calendar/package.json libs/calendar/
COPY libs/scorecard/package.json libs/scorecard/
COPY libs/warehouse/package.json libs/warehouse/
COPY etl/package.json etl/
COPY apps/api/package.json apps/api/
COPY dashboards/package.json dashboards/
RUN npm ci --no-audit --no-fund
COPY . .
# Dev dependencies stay (the build needs them); playwright-core prints the PDF briefing pack.
RUN npm run build

FROM node:22-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-liberation ca-certificates tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    OSCP_CHROMIUM=/usr/bin/chromium
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/api/dist/main.js"]
