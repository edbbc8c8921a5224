import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p>There is nothing here, or you do not have access to it.</p>
      <Link href="/" className="text-brand-700 underline">Back to the start</Link>
    </div>
  );
}
