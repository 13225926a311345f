"""nginx in front of several Reflect servers: the config the README shows, runnable for tests and benchmarks.

`Balancer` writes a self-contained config into a folder of its own (pid file,
logs and temporary files included), starts Debian's nginx on it in the
foreground and stops it again. Requests go round-robin to the servers; the
client's address reaches Reflect in `X-Forwarded-For`, which Reflect trusts
only from a proxy on the same machine.
"""
from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Optional, Sequence

BINARY = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream reflect {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 8m;
        location / {{
            proxy_pass http://reflect;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""


def config(prefix: Path, server_ports: Sequence[int], port: int) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in server_ports)
    return CONFIG.format(prefix=prefix, servers=servers, port=port)


class Balancer:
    """nginx on `port`, spreading requests over Reflect servers on `server_ports`."""

    def __init__(self, prefix: Path, server_ports: Sequence[int], port: int, binary: str = BINARY) -> None:
        self.prefix, self.port, self.binary = prefix, port, binary
        self.url = f"http://127.0.0.1:{port}"
        prefix.mkdir(parents=True, exist_ok=True)
        self.conf = prefix / "nginx.conf"
        self.conf.write_text(config(prefix, server_ports, port))
        self.process: Optional[subprocess.Popen] = None

    def start(self, timeout: float = 30) -> None:
        self.process = subprocess.Popen(
            [self.binary, "-c", str(self.conf), "-p", str(self.prefix), "-g", "daemon off;"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/version", timeout=2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx exited: {self.process.stdout.read().decode()[-1000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not start")
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
