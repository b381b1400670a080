import { describe, expect, it } from 'vitest';
import { decideAccess, normaliseRoles } from './access-policy';

describe('decideAccess', () => {
  it('lets anyone call a public route', () => {
    expect(decideAccess({ isPublic: true, requiredRoles: undefined, userRoles: null })).toBe('allow');
  });

  it('denies an anonymous caller a route without @Roles (deny by default)', () => {
    expect(decideAccess({ isPublic: false, requiredRoles: undefined, userRoles: null })).toBe(
      'unauthenticated',
    );
  });

  it('lets any signed-in user call a route without @Roles or with @Roles("viewer")', () => {
    expect(decideAccess({ isPublic: false, requiredRoles: undefined, userRoles: ['viewer'] })).toBe('allow');
    expect(decideAccess({ isPublic: false, requiredRoles: ['viewer'], userRoles: ['analyst'] })).toBe(
      'allow',
    );
  });

  it('needs one of the listed roles otherwise', () => {
    expect(
      decideAccess({
        isPublic: false,
        requiredRoles: ['manager', 'analyst'],
        userRoles: ['viewer', 'analyst'],
      }),
    ).toBe('allow');
    expect(
      decideAccess({ isPublic: false, requiredRoles: ['analyst'], userRoles: ['viewer', 'chair'] }),
    ).toBe('forbidden');
  });

  it('does not let admin imply analyst', () => {
    expect(
      decideAccess({ isPublic: false, requiredRoles: ['analyst'], userRoles: ['viewer', 'admin'] }),
    ).toBe('forbidden');
  });

  it('still asks an anonymous caller to sign in on a role-restricted route', () => {
    expect(decideAccess({ isPublic: false, requiredRoles: ['admin'], userRoles: null })).toBe(
      'unauthenticated',
    );
  });
});

describe('normaliseRoles', () => {
  it('always includes viewer, drops duplicates and orders roles', () => {
    expect(normaliseRoles(['admin', 'analyst', 'admin'])).toEqual(['viewer', 'analyst', 'admin']);
    expect(normaliseRoles([])).toEqual(['viewer']);
  });
});
