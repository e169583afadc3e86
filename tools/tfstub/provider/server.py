"""Serve the stand-in over go-plugin's gRPC transport, as Terraform expects of a provider.

Terraform starts the provider, reads one handshake line from its stdout
(`1|6|unix|<socket>|grpc|<server certificate>`), and talks gRPC over mutual
TLS on that socket. The `tf` package supplies go-plugin's own two services
(controller and stdio) and the certificate.
"""

import base64
import tempfile
import threading
from concurrent import futures

import grpc
from tf.gen import grpc_controller_pb2, grpc_controller_pb2_grpc, grpc_stdio_pb2_grpc
from tf.runner import _self_signed_cert

from .servicer import Provider


class _Controller(grpc_controller_pb2_grpc.GRPCControllerServicer):
    def __init__(self, stop):
        self._stop = stop

    def Shutdown(self, request, context):
        self._stop()
        return grpc_controller_pb2.Empty()


class _Stdio(grpc_stdio_pb2_grpc.GRPCStdioServicer):
    def StreamStdio(self, request, context):
        return iter(())


def serve(name: str) -> None:
    """Run provider *name* (aws or random) until Terraform is done with it."""
    stopped = threading.Event()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers([Provider(name, stopped.set).generic_handler()])
    grpc_controller_pb2_grpc.add_GRPCControllerServicer_to_server(_Controller(stopped.set), server)
    grpc_stdio_pb2_grpc.add_GRPCStdioServicer_to_server(_Stdio(), server)
    certificate, credentials = _self_signed_cert()
    with tempfile.TemporaryDirectory(prefix="tfstub-") as folder:
        socket = f"{folder}/provider.sock"
        server.add_secure_port(f"unix://{socket}", credentials)
        server.start()
        handshake = base64.b64encode(certificate).decode().rstrip("=")
        print(f"1|6|unix|{socket}|grpc|{handshake}", flush=True)
        stopped.wait()
        server.stop(grace=0.2)
