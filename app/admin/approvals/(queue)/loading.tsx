export { default } from "@/app/(portal)/connections/(list)/loading";
