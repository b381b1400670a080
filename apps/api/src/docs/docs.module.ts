import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';
import { OpenApiDocument } from './openapi-document';

@Module({ controllers: [DocsController], providers: [OpenApiDocument], exports: [OpenApiDocument] })
export class DocsModule {}
