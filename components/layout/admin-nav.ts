import {
  Activity,
  FileClock,
  Fish,
  Flag,
  Globe,
  LayoutDashboard,
  type LucideIcon,
  Mail,
  Settings,
  Users,
} from 'lucide-react';
import type { Permission } from '@/lib/auth/permissions';

// The staff sidebar as data; each entry shows only to roles that hold its permission.
export const ADMIN_NAV: { href: string; label: string; icon: LucideIcon; permission: Permission }[] = [
  { href: '/admin', label: 'Overview', icon: LayoutDashboard, permission: 'dashboard.view' },
  { href: '/admin/flags', label: 'Flags', icon: Flag, permission: 'flags.read' },
  { href: '/admin/domains', label: 'Domains', icon: Globe, permission: 'domains.read' },
  { href: '/admin/lookalikes', label: 'Look-alikes', icon: Fish, permission: 'domains.read' },
  { href: '/admin/scans', label: 'Scans', icon: Activity, permission: 'scans.read' },
  { href: '/admin/users', label: 'Users', icon: Users, permission: 'users.read' },
  { href: '/admin/audit', label: 'Audit log', icon: FileClock, permission: 'audit.read' },
  { href: '/admin/outbox', label: 'Outbox', icon: Mail, permission: 'outbox.read' },
  { href: '/admin/settings', label: 'Settings', icon: Settings, permission: 'settings.manage' },
];
