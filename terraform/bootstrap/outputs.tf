output "state_bucket_name" {
  description = "Pass to terraform init as -backend-config=bucket=... (make init-<stage> does)."
  value       = module.state.bucket_id
}
