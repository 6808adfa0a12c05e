import fs from 'node:fs/promises';
import path from 'node:path';

// What `npm start` runs beside the web app, written under the data dir so the CLI and the e2e
// tests can reach the same local services (the protocol server's URLs, the SMTP sink).
export interface ServicesFile {
  env: Record<string, string>;
  webUrl?: string;
}

export const servicesPath = (dataDir: string) => path.join(dataDir, 'services.json');

export async function writeServices(dataDir: string, services: ServicesFile): Promise<void> {
  await fs.writeFile(servicesPath(dataDir), JSON.stringify(services, null, 2), { mode: 0o600 });
}

export async function removeServices(dataDir: string): Promise<void> {
  await fs.rm(servicesPath(dataDir), { force: true });
}

export async function readServices(dataDir: string): Promise<ServicesFile | null> {
  try {
    return JSON.parse(await fs.readFile(servicesPath(dataDir), 'utf8')) as ServicesFile;
  } catch {
    return null;
  }
}
