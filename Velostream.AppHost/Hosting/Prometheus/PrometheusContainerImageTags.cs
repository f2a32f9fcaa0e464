namespace Velostream.AppHost.Hosting.Prometheus;

/// <summary>The Prometheus image the monitoring Dockerfile builds on; pinned so every run and deployment is the same.</summary>
internal static class PrometheusContainerImageTags
{
    /// <remarks>docker.io</remarks>
    public const string Registry = "docker.io";

    /// <remarks>prom/prometheus</remarks>
    public const string Image = "prom/prometheus";

    /// <remarks>v2.55.1: the last 2.x, with the OTLP receiver behind a feature flag.</remarks>
    public const string Tag = "v2.55.1";
}
