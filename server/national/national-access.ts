import { type Grant, hasInstallationPermission } from '../../core/auth/roles.ts';
import { AppError, msg } from '../../core/errors.ts';

/**
 * The national view is installation-wide: every province's figures, so only a grant at the root of
 * the tree reads it (an admin, or a coordinator or leader of the whole installation). A coordinator
 * of one unit holds `national.read` for nothing.
 */
export function canReadNational(grants: readonly Grant[]): boolean {
  return hasInstallationPermission(grants, 'national.read');
}

export function assertReadsNational(user: { grants: readonly Grant[] }): void {
  if (!canReadNational(user.grants))
    throw new AppError(
      'FORBIDDEN',
      msg(
        'Số liệu toàn quốc chỉ dành cho người được phân quyền ở cấp cao nhất của hệ thống.',
        'The national figures are only for someone granted at the top of the installation.',
      ),
    );
}
