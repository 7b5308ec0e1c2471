/** The shapes the API answers with (see the server's API description). */

export interface User {
  readonly id: string;
  readonly login: string;
  readonly name: string;
  readonly hospitalId: string | null;
  readonly departmentId: string | null;
  readonly title: string | null;
  readonly roles: readonly string[];
  readonly enabled: boolean;
  readonly passwordChangedAt: string | null;
  readonly mustChangePassword: boolean;
}

/** `GET /me`. */
export interface Me {
  readonly user: User;
  readonly permissions: readonly string[];
}

/** `POST /auth/login`. */
export interface LoginResult extends Me {
  readonly csrfToken: string;
}

export interface Captcha {
  readonly id: string;
  readonly image: string;
  readonly expiresAt: string;
}

export interface Hospital {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly contact: string | null;
  readonly level: string | null;
  readonly enabled: boolean;
}

export interface Department {
  readonly id: string;
  readonly hospitalId: string;
  readonly code: string;
  readonly name: string;
  readonly enabled: boolean;
}

export interface Role {
  readonly id: string;
  readonly permissions: readonly string[];
}

/** `POST /admin/users`: the new user and its one-time initial password. */
export interface CreatedUser extends User {
  readonly initialPassword: string;
}
