// Only the list pages stream behind a loading state: detail pages must be able to answer 404.
export { PageSkeleton as default } from "@/components/ui/page-skeleton";
