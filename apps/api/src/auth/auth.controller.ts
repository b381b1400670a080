import { Controller, Get, HttpCode, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { SessionInfo } from '@oscp/contracts';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config';
import { openApiSchema } from '../docs/zod-openapi';
import { ZodBody } from '../http/zod-request';
import { sessionInfoResponse } from './auth.openapi';
import { SESSION_COOKIE } from './auth-policy';
import { changePasswordSchema, signInSchema, type ChangePasswordBody, type SignInBody } from './auth.dto';
import { AuthService, toSessionInfo, type ClientContext } from './auth.service';
import { clientIp, type AuthenticatedRequest } from './authenticated-request';
import { JsonOnlyGuard } from './json-only.guard';
import { Public } from './roles.decorator';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard, JsonOnlyGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; sets the session cookie.' })
  @ApiOkResponse({ schema: openApiSchema(sessionInfoResponse, 'output') })
  async login(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
    @ZodBody(signInSchema) body: SignInBody,
  ): Promise<SessionInfo> {
    const { token, info } = await this.auth.signIn(body, clientOf(request), request.oscpAuth);
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.secureCookies === true || (this.config.secureCookies === 'auto' && request.secure),
      path: '/',
    });
    return info;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session on the server and clears the cookie.' })
  @ApiNoContentResponse({ description: 'signed out' })
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const auth = request.oscpAuth;
    if (!auth) throw new UnauthorizedException('Please sign in.');
    await this.auth.signOut(auth, clientOf(request));
    response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/' });
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Change your own password (`currentPassword`, `newPassword`); your other sessions end, this one stays.',
  })
  @ApiNoContentResponse({ description: 'password changed' })
  async changePassword(
    @Req() request: AuthenticatedRequest,
    @ZodBody(changePasswordSchema) body: ChangePasswordBody,
  ): Promise<void> {
    const auth = request.oscpAuth;
    if (!auth) throw new UnauthorizedException('Please sign in.');
    await this.auth.changePassword(auth, body.currentPassword, body.newPassword, clientOf(request));
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user, the CSRF token and when the session expires.' })
  @ApiOkResponse({ schema: openApiSchema(sessionInfoResponse, 'output') })
  me(@Req() request: AuthenticatedRequest): SessionInfo {
    if (!request.oscpAuth) throw new UnauthorizedException('Please sign in.');
    return toSessionInfo(request.oscpAuth);
  }
}

function clientOf(request: AuthenticatedRequest): ClientContext {
  const agent = request.headers['user-agent'];
  return { ip: clientIp(request), userAgent: typeof agent === 'string' ? agent : null };
}
