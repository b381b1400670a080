import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiExceptionFilter } from './api-exception.filter';

/** The error shape of every HTTP answer. */
@Module({ providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }] })
export class HttpModule {}
