using System.Globalization;
using Spectre.Console;
using Velostream.Engine.Api;

namespace Velostream.Engine.Demo;

/// <summary>
/// The demo's terminal view: one row per job with records/s, lag, failures and the latest output,
/// refreshed every second (a live table on interactive terminals, plain lines otherwise).
/// </summary>
internal sealed class DemoView(JobHost host, OutputWatcher outputs, Func<long> fed)
{
    private readonly Dictionary<string, long> _previousIn = new(StringComparer.Ordinal);

    public async Task RunAsync(bool plain, CancellationToken cancellationToken)
    {
        if (plain || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            while (await Tick(cancellationToken))
            {
                Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] fed={fed()} " + string.Join(" | ", Rows().Select(r => $"{r.Job} {r.Rate}/s in={r.In} out={r.Out} lag={r.Lag} failed={r.Failed}")));
            }
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var column in new[] { "job", "state", "records/s", "in", "out", "lag", "failed", "last output" })
        {
            table.AddColumn(column);
        }
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            while (await Tick(cancellationToken))
            {
                table.Rows.Clear();
                foreach (var row in Rows())
                {
                    table.AddRow(row.Job, row.State, row.Rate, row.In, row.Out, row.Lag, row.Failed, Markup.Escape(row.Last));
                }
                table.Caption($"Velostream trading demo: {fed()} records fed; data lives in memory only; Ctrl+C stops");
                context.Refresh();
            }
        });
    }

    private static async Task<bool> Tick(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private List<(string Job, string State, string Rate, string In, string Out, string Lag, string Failed, string Last)> Rows()
    {
        var rows = new List<(string, string, string, string, string, string, string, string)>();
        foreach (var job in host.Jobs)
        {
            var view = JobView.Of(job);
            var rate = view.RecordsIn - _previousIn.GetValueOrDefault(job.Name, view.RecordsIn);
            _previousIn[job.Name] = view.RecordsIn;
            var last = outputs.Latest(job.Name) ?? "";
            if (last.Length > 70)
            {
                last = last[..67] + "...";
            }
            rows.Add((job.Name, view.State, N(rate), N(view.RecordsIn), N(view.RecordsOut), view.Lag is { } lag ? N(lag) : "-",
                N(view.RecordsFailed + view.RecordsLate), view.State == "failed" ? view.LastError ?? "" : last));
        }
        return rows;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
