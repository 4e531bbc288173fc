{
  "targets": [
    {
      "target_name": "fsctp",
      "sources": ["src/fsctp_node.c"],
      "include_dirs": ["<!@(node tools/flags.js include)"],
      "cflags": ["<!@(node tools/flags.js cflags)", "-std=gnu11", "-Wall", "-Wextra", "-Werror"],
      "cflags!": ["-fno-exceptions"],
      "libraries": ["<!@(node tools/flags.js libs)"]
    }
  ]
}
