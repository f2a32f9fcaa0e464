using System.Globalization;
using Spectre.Console;
using Velostream.Engine.Api;

namespace Velostream.Engine.Demo;

/// <summary>
/// The demo's terminal view: one row per job with records/s, lag, failures and the latest output,
/// refreshed every second (a live table on interactive terminals, plain lines otherwise).
/// </summary>
internal sealed class DemoView(JobHost host, OutputWatcher outputs, Func<long> fed, string? broker = null)
{
    // Numbers are right-aligned in columns of a fixed width, so the table does not jump as they grow.
    private const int NumberWidth = 11;

    private readonly Dictionary<string, (long In, DateTimeOffset At)> _previous = new(StringComparer.Ordinal);

    private string Caption => $"Velostream trading demo: {fed()} records fed; "
        + (broker is null ? "" : $"embedded broker at {broker}, ") + "data lives in memory only; Ctrl+C stops";

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
        table.AddColumn(new TableColumn("job").NoWrap());
        table.AddColumn(new TableColumn("state").Width(9).NoWrap());
        foreach (var column in new[] { "records/s", "in", "out", "lag", "failed" })
        {
            table.AddColumn(new TableColumn(column).RightAligned().Width(NumberWidth).NoWrap());
        }
        table.AddColumn("last output");
        // The live region is cleared when it ends and the last frame is written once, below whatever
        // Ctrl+C echoed (redrawing it in place after the echo showed it twice).
        await AnsiConsole.Live(table).AutoClear(true).StartAsync(async context =>
        {
            do
            {
                Fill(table);
                context.Refresh();
            }
            while (await Tick(cancellationToken));
        });
        AnsiConsole.Write(table);
    }

    private void Fill(Table table)
    {
        table.Rows.Clear();
        foreach (var row in Rows())
        {
            table.AddRow(Markup.Escape(row.Job), row.State, row.Rate, row.In, row.Out, row.Lag, row.Failed, Markup.Escape(row.Last));
        }
        table.Caption(Markup.Escape(Caption));
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
            // The first frame counts from the job's start, so records already in show as a rate at once.
            var now = DateTimeOffset.UtcNow;
            var (previousIn, since) = _previous.GetValueOrDefault(job.Name, (0, view.StartedAt ?? now));
            var seconds = (now - since).TotalSeconds;
            var rate = seconds > 0.05 ? (long)Math.Round((view.RecordsIn - previousIn) / seconds) : 0;
            _previous[job.Name] = (view.RecordsIn, now);
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
