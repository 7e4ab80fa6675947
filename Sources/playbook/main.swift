print("playbook: not built yet")
