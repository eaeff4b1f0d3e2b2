import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/app/providers";
import { ThemeToggle, themeScript } from "@/components/ui/theme-toggle";
import { UserMenu } from "@/components/auth/user-menu";
import { NavLinks } from "@/components/auth/nav-links";
import { HealthBanner } from "@/components/ui/health-banner";
import "@/app/globals.css";

export const metadata: Metadata = {
  title: { default: "Nimbus", template: "%s · Nimbus" },
  description: "Self-hosted serverless functions",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of ours that sets the theme
            before the first paint */}
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                <span aria-hidden>☁</span> Nimbus
              </Link>
              <NavLinks />
              <div className="ml-auto flex items-center gap-2">
                <UserMenu />
                <ThemeToggle />
              </div>
            </nav>
          </header>
          <HealthBanner />
          <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
