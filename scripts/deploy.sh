#!/usr/bin/env bash
# Deploy dist/kefir-<stage>.zip (scripts/package.sh) to a stage whose Terraform
# is applied: Zappa with the rendered settings, then the stage settings Zappa
# cannot set, then a smoke test. Run through `make deploy-<stage>`.
set -euo pipefail

stage=${1:?usage: deploy.sh dev|prod}
cd "$(dirname "$0")/.."

py=.venv-package/bin/python
package=dist/kefir-$stage.zip
outputs=build/terraform-$stage.json
settings=build/zappa_settings.$stage.json

mkdir -p build
terraform -chdir="terraform/envs/$stage" output -json > "$outputs"

render() {
    "$py" scripts/render_zappa_settings.py "$stage" --outputs "$outputs" --api-url "$1" -o "$settings"
}
zappa() {
    VIRTUAL_ENV="$PWD/.venv-package" "$py" -m zappa.cli "$@" -s "$settings"
}

if ! "$py" scripts/stage_lookup.py "$stage" exists; then
    # The execute-api URL (the public base URL of a stage without a domain)
    # exists only once Zappa has created the API, so the first deploy is
    # followed at once by an update that carries it.
    render "$("$py" scripts/stage_lookup.py "$stage" url)"
    zappa deploy "$stage" --zip "$package"
fi

api_url=$("$py" scripts/stage_lookup.py "$stage" url)
render "$api_url"
zappa update "$stage" --zip "$package"

"$py" scripts/apply_stage_settings.py "$stage" --outputs "$outputs"

domain=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["api_domain_name"]["value"])' "$outputs")
"$py" scripts/smoke_test.py "$api_url" ${domain:+"https://$domain"}
