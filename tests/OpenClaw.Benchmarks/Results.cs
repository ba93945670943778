using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenClaw.Benchmarks
{
    /// <summary>Repeated measurements of one quantity, reported as the median of the runs with the range.</summary>
    public sealed class Sample
    {
        public List<double> Values { get; } = new List<double>();

        public string Unit { get; init; } = "ms";

        public int Count => Values.Count;

        public double Median
        {
            get
            {
                if (Values.Count == 0) return double.NaN;
                var sorted = Values.OrderBy(v => v).ToList();
                var middle = sorted.Count / 2;
                return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            }
        }

        public override string ToString() => Count == 0
            ? "not measured"
            : Count == 1
                ? $"{Format(Median)} {Unit}".TrimEnd() + " (1 run)"
                : $"{Format(Median)} {Unit}".TrimEnd() + $" (median of {Count}; {Format(Values.Min())}–{Format(Values.Max())})";

        public static string Format(double value) =>
            value == Math.Floor(value) && Math.Abs(value) < 1e6 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>Every number of one benchmark run, by name, in the order measured; printed and saved as JSON.</summary>
    public sealed class Results
    {
        private readonly Dictionary<string, Sample> _samples = new Dictionary<string, Sample>();
        private readonly List<string> _order = new List<string>();
        private readonly List<string> _notes = new List<string>();

        public Sample this[string name] => Get(name, "ms");

        public Sample Get(string name, string unit)
        {
            if (!_samples.TryGetValue(name, out var sample))
            {
                _samples[name] = sample = new Sample { Unit = unit };
                _order.Add(name);
            }
            return sample;
        }

        public void Add(string name, double value, string unit = "ms") => Get(name, unit).Values.Add(value);

        /// <summary>Adds every numeric property of a child's JSON result as "prefix.property".</summary>
        public void AddAll(string prefix, JObject result)
        {
            foreach (var property in result.Properties())
            {
                if (property.Value.Type is JTokenType.Float or JTokenType.Integer)
                {
                    var unit = property.Name.EndsWith("MB", StringComparison.Ordinal) ? "MB" : property.Name.EndsWith("Ms", StringComparison.Ordinal) ? "ms" : "";
                    Add(prefix + "." + property.Name, (double)property.Value, unit);
                }
            }
        }

        public void Note(string text)
        {
            _notes.Add(text);
            Console.WriteLine("   note: " + text);
        }

        public double Median(string name) => _samples.TryGetValue(name, out var s) ? s.Median : double.NaN;

        public void Print(TextWriter writer)
        {
            writer.WriteLine("| measurement | value |");
            writer.WriteLine("|---|---|");
            foreach (var name in _order) writer.WriteLine($"| {name} | {_samples[name]} |");
            foreach (var note in _notes) writer.WriteLine($"\n- {note}");
        }

        public void Save(string path, JObject machine)
        {
            var json = new JObject
            {
                ["machine"] = machine,
                ["measurements"] = new JObject(_order.Select(name => new JProperty(name, new JObject
                {
                    ["unit"] = _samples[name].Unit,
                    ["median"] = _samples[name].Median,
                    ["runs"] = new JArray(_samples[name].Values),
                }))),
                ["notes"] = new JArray(_notes),
            };
            File.WriteAllText(path, json.ToString(Formatting.Indented));
        }
    }
}
