from kefir.ops.cli import main

main(prog_name="python -m kefir.ops")
