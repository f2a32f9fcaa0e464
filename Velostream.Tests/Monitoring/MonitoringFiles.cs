namespace Velostream.Tests.Monitoring;

/// <summary>Where the AppHost's monitoring configuration and the published manifest live in the repository.</summary>
internal static class MonitoringFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string AppHost => Path.Combine(RepositoryRoot, "Velostream.AppHost");

    public static string TempoConfig => Path.Combine(AppHost, "monitoring", "tempo", "tempo.yaml");

    public static string PrometheusConfig => Path.Combine(AppHost, "monitoring", "prometheus", "prometheus.yml");

    public static string GrafanaDataSources => Path.Combine(AppHost, "monitoring", "grafana", "provisioning", "datasources", "datasources.yaml");

    public static string GrafanaDashboardProviders => Path.Combine(AppHost, "monitoring", "grafana", "provisioning", "dashboards", "dashboards.yaml");

    public static string GrafanaDashboards => Path.Combine(AppHost, "monitoring", "grafana", "dashboards");

    public static string Manifest => Path.Combine(RepositoryRoot, "aspire-manifest.json");

    public static IReadOnlyList<string> Dashboards =>
        [.. Directory.GetFiles(GrafanaDashboards, "*.json").Order(StringComparer.Ordinal)];

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Velostream.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Velostream.sln above {AppContext.BaseDirectory}.");
    }
}
