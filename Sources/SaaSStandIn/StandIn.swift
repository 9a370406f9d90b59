import CanaryCore

/// Namespace placeholder for the stand-in SaaS (see issue 3).
public enum StandIn {}
