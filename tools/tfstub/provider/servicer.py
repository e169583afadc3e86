"""The tfplugin6.Provider service of the stand-in: one handler a protocol method."""

import traceback

import grpc

from . import cty, planning, reads
from .protocol import SERVICE, message, messages
from .schema import ProviderSchema

ERROR = 1


class Provider:
    """A provider (aws or random) that answers from schema.json."""

    def __init__(self, name: str, stop):
        self.schema = ProviderSchema(name)
        self.region = "us-east-1"
        self.default_tags: dict = {}
        self._stop = stop

    def generic_handler(self):
        handlers = {}
        for method in messages()["service"].methods:
            request = message(method.input_type.full_name.removeprefix("tfplugin6."))
            response = message(method.output_type.full_name.removeprefix("tfplugin6."))
            handlers[method.name] = grpc.unary_unary_rpc_method_handler(
                self._guarded(method.name, response),
                request_deserializer=request.FromString,
                response_serializer=response.SerializeToString,
            )
        return grpc.method_handlers_generic_handler(SERVICE, handlers)

    def _guarded(self, name: str, response):
        """Run the handler; a failure inside the stand-in is a diagnostic, not a hung call."""
        handler = getattr(self, name, None)

        def call(request, context):
            if handler is None:
                answer = response()
                if "diagnostics" in response.DESCRIPTOR.fields_by_name:
                    answer.diagnostics.add(
                        severity=ERROR, summary=f"The stand-in provider does not implement {name}"
                    )
                return answer
            try:
                return handler(request)
            except Exception as error:  # noqa: BLE001 — reported to Terraform, which prints it
                answer = response()
                answer.diagnostics.add(
                    severity=ERROR,
                    summary=f"stand-in provider: {error}",
                    detail=traceback.format_exc(),
                )
                return answer

        return call

    # Schema and configuration

    def GetMetadata(self, request):
        answer = message("GetMetadata.Response")()
        answer.server_capabilities.plan_destroy = True
        for tf_type in self.schema.types("resource"):
            answer.resources.add(type_name=tf_type)
        for tf_type in self.schema.types("data"):
            answer.data_sources.add(type_name=tf_type)
        for tf_type in self.schema.types("ephemeral"):
            answer.ephemeral_resources.add(type_name=tf_type)
        return answer

    def GetProviderSchema(self, request):
        return self.schema.response()

    def ValidateProviderConfig(self, request):
        return message("ValidateProviderConfig.Response")()

    def ConfigureProvider(self, request):
        config = cty.decode(request.config.msgpack, self.schema.provider_type()) or {}
        self.region = config.get("region") or self.region
        for block in config.get("default_tags") or []:
            self.default_tags = block.get("tags") or {}
        return message("ConfigureProvider.Response")()

    def ValidateResourceConfig(self, request):
        return message("ValidateResourceConfig.Response")()

    def ValidateDataResourceConfig(self, request):
        return message("ValidateDataResourceConfig.Response")()

    def ValidateEphemeralResourceConfig(self, request):
        return message("ValidateEphemeralResourceConfig.Response")()

    def GetFunctions(self, request):
        return message("GetFunctions.Response")()

    def StopProvider(self, request):
        self._stop()
        return message("StopProvider.Response")()

    # Managed resources

    def UpgradeResourceState(self, request):
        kind = self.schema.cty_type("resource", request.type_name)
        state = cty.decode_json(request.raw_state.json, kind)
        answer = message("UpgradeResourceState.Response")()
        answer.upgraded_state.msgpack = cty.encode(state, kind)
        return answer

    def ReadResource(self, request):
        answer = message("ReadResource.Response")()
        answer.new_state.msgpack = request.current_state.msgpack
        answer.private = request.private
        return answer

    def PlanResourceChange(self, request):
        tf_type = request.type_name
        kind = self.schema.cty_type("resource", tf_type)
        block = self.schema.block("resource", tf_type)
        prior = cty.decode(request.prior_state.msgpack, kind)
        proposed = cty.decode(request.proposed_new_state.msgpack, kind)
        config = cty.decode(request.config.msgpack, kind)
        planned, replace, legacy = planning.plan(
            tf_type,
            block,
            prior,
            proposed,
            self.default_tags,
            self.region,
            self.schema.computed_blocks(tf_type),
            config=config,
        )
        answer = message("PlanResourceChange.Response")(legacy_type_system=legacy)
        answer.planned_state.msgpack = cty.encode(planned, kind)
        for name in replace:
            answer.requires_replace.add().steps.add(attribute_name=name)
        return answer

    def ApplyResourceChange(self, request):
        tf_type = request.type_name
        kind = self.schema.cty_type("resource", tf_type)
        planned = cty.decode(request.planned_state.msgpack, kind)
        legacy = any(planned and planned.get(name) for name in self.schema.computed_blocks(tf_type))
        answer = message("ApplyResourceChange.Response")(legacy_type_system=legacy)
        answer.new_state.msgpack = cty.encode(planning.apply(tf_type, planned, kind), kind)
        return answer

    def ImportResourceState(self, request):
        answer = message("ImportResourceState.Response")()
        answer.diagnostics.add(
            severity=ERROR, summary="The stand-in provider cannot import: there is no AWS behind it"
        )
        return answer

    # Data sources and ephemeral resources

    def ReadDataSource(self, request):
        tf_type = request.type_name
        kind = self.schema.cty_type("data", tf_type)
        config = cty.decode(request.config.msgpack, kind)
        state = reads.read_data_source(
            tf_type, self.schema.block("data", tf_type), config, self.region
        )
        answer = message("ReadDataSource.Response")()
        answer.state.msgpack = cty.encode(state, kind)
        return answer

    def OpenEphemeralResource(self, request):
        tf_type = request.type_name
        kind = self.schema.cty_type("ephemeral", tf_type)
        config = cty.decode(request.config.msgpack, kind)
        answer = message("OpenEphemeralResource.Response")()
        answer.result.msgpack = cty.encode(reads.open_ephemeral(tf_type, config), kind)
        return answer

    def RenewEphemeralResource(self, request):
        return message("RenewEphemeralResource.Response")()

    def CloseEphemeralResource(self, request):
        return message("CloseEphemeralResource.Response")()
