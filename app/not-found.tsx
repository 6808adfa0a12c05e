import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="text-center">
        <h1 className="text-xl font-semibold">404 — nothing here</h1>
        <p className="mt-4 text-sm">
          <Link className="underline" href="/">
            Go to your start page
          </Link>
        </p>
      </div>
    </main>
  );
}
