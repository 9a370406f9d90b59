import CanaryCore

print("canary \(HarnessVersion.current)")
