import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'express';
import { OpenApiDocument } from './openapi-document';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

// swagger-ui-dist comes with @nestjs/swagger.
const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>OSCP scorecard API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui' });`;

/**
 * The OpenAPI document and its viewer. Served by a controller, not `SwaggerModule.setup`, so the
 * global sign-in guard covers it like every other route: it is not public.
 */
@ApiExcludeController()
@Controller('api/docs')
export class DocsController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('openapi.json')
  openApi(): OpenAPIObject {
    const document = this.document.get();
    if (!document) throw new NotFoundException('The API description is not ready yet.');
    return document;
  }

  @Get('assets/init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  init(): string {
    return INIT;
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) response: Response): string {
    const contentType = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (contentType === undefined) throw new NotFoundException('No such file.');
    // Without it Nest answers text/html, which browsers refuse for scripts and styles (nosniff).
    response.setHeader('content-type', contentType);
    return readFileSync(join(SWAGGER_UI_DIR, file), 'utf8');
  }
}
