using System;
using IlmEnergy.Firmware.Protocol.Encoding;

namespace IlmEnergy.Firmware.Device
{
    /// <summary>
    /// The plug's settings, parsed from the small text file <c>I:\ilm.conf</c> (deployed with
    /// nanoff --filedeployment). One <c>key=value</c> per line; blank lines and lines starting with '#'
    /// are ignored. Wi-Fi credentials do NOT belong here: nanoff --networkdeployment stores them.
    /// <code>
    /// board=athom-plug-v3
    /// brokerHost=192.168.1.10
    /// brokerPort=1883
    /// serverKey=&lt;Base58 server command public key&gt;
    /// optIn=true
    /// sampleSeconds=10
    /// batchSeconds=60
    /// </code>
    /// Optional tuning keys (defaults in brackets): offlineSampleSeconds [60], offlineBatchSeconds [1800],
    /// offlineAfterBatches [30]: see <see cref="OfflineBuffering"/>.
    /// </summary>
    public sealed class DeviceConfig
    {
        /// <summary>docs/protocol.md §7: a sender never puts more than 80 samples in one batch.</summary>
        public const int MaxSamplesPerBatch = 80;

        public DeviceConfig()
        {
            BrokerPort = 1883;
            SampleSeconds = 10;
            BatchSeconds = 60;
            OfflineSampleSeconds = 60;
            OfflineBatchSeconds = 1800;
            OfflineAfterBatches = 30;
        }

        /// <summary>Board model id (payload key 4): a file name in hardware/boards/ without ".json".</summary>
        public string Board { get; set; }

        public string BrokerHost { get; set; }

        public int BrokerPort { get; set; }

        /// <summary>The pinned server command key (32 bytes); only commands signed by it are obeyed.</summary>
        public byte[] ServerKey { get; set; }

        /// <summary>The owner allows automatic curtailment for demand response.</summary>
        public bool OptIn { get; set; }

        public int SampleSeconds { get; set; }

        public int BatchSeconds { get; set; }

        /// <summary>Sample period while the outbox holds a backlog (coarser, so flash lasts days).</summary>
        public int OfflineSampleSeconds { get; set; }

        /// <summary>Batch period while the outbox holds a backlog.</summary>
        public int OfflineBatchSeconds { get; set; }

        /// <summary>Switch to offline aggregation once this many batches wait unacknowledged.</summary>
        public int OfflineAfterBatches { get; set; }

        /// <summary>Parses the file's text; throws <see cref="ArgumentException"/> naming the line and the problem.</summary>
        public static DeviceConfig Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentException("configuration text is missing");
            }

            DeviceConfig config = new DeviceConfig();
            bool hasServerKey = false;
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                int equals = line.IndexOf('=');
                if (equals <= 0)
                {
                    throw Problem(i, "expected key=value, got '" + line + "'");
                }

                string key = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                if (key == "serverKey")
                {
                    hasServerKey = true;
                }

                config.Set(i, key, value);
            }

            if (config.Board == null)
            {
                throw new ArgumentException("board is required (a file name in hardware/boards/ without .json)");
            }

            if (config.BrokerHost == null)
            {
                throw new ArgumentException("brokerHost is required");
            }

            if (!hasServerKey)
            {
                throw new ArgumentException("serverKey is required (Base58 server command public key)");
            }

            config.Validate();
            return config;
        }

        /// <summary>Checks values set in code (the simulator builds configs without a file).</summary>
        public void Validate()
        {
            if (!IsBoardId(Board))
            {
                throw new ArgumentException("board must be 1-32 characters of a-z 0-9 . _ -");
            }

            if (BrokerHost == null || BrokerHost.Length == 0)
            {
                throw new ArgumentException("brokerHost is required");
            }

            if (BrokerPort < 1 || BrokerPort > 65535)
            {
                throw new ArgumentException("brokerPort must be 1-65535");
            }

            if (ServerKey == null || ServerKey.Length != 32)
            {
                throw new ArgumentException("serverKey must decode to a 32-byte Ed25519 public key");
            }

            CheckPeriods(SampleSeconds, BatchSeconds, "sampleSeconds", "batchSeconds");
            CheckPeriods(OfflineSampleSeconds, OfflineBatchSeconds, "offlineSampleSeconds", "offlineBatchSeconds");
            if (OfflineSampleSeconds % SampleSeconds != 0)
            {
                throw new ArgumentException("offlineSampleSeconds must be a multiple of sampleSeconds");
            }

            if (OfflineAfterBatches < 1)
            {
                throw new ArgumentException("offlineAfterBatches must be at least 1");
            }
        }

        /// <summary>Samples per batch while connected.</summary>
        public int SamplesPerBatch => BatchSeconds / SampleSeconds;

        /// <summary>Samples per batch while buffering offline.</summary>
        public int OfflineSamplesPerBatch => OfflineBatchSeconds / OfflineSampleSeconds;

        private void Set(int line, string key, string value)
        {
            if (key == "board")
            {
                Board = value;
            }
            else if (key == "brokerHost")
            {
                BrokerHost = value;
            }
            else if (key == "brokerPort")
            {
                BrokerPort = ParseNumber(line, key, value);
            }
            else if (key == "serverKey")
            {
                byte[] bytes;
                if (value.Length == 0 || Base58.TryDecode(value, out bytes) >= 0 || bytes.Length != 32)
                {
                    throw Problem(line, "serverKey must be the Base58 form of a 32-byte public key");
                }

                ServerKey = bytes;
            }
            else if (key == "optIn")
            {
                if (value != "true" && value != "false")
                {
                    throw Problem(line, "optIn must be true or false");
                }

                OptIn = value == "true";
            }
            else if (key == "sampleSeconds")
            {
                SampleSeconds = ParseNumber(line, key, value);
            }
            else if (key == "batchSeconds")
            {
                BatchSeconds = ParseNumber(line, key, value);
            }
            else if (key == "offlineSampleSeconds")
            {
                OfflineSampleSeconds = ParseNumber(line, key, value);
            }
            else if (key == "offlineBatchSeconds")
            {
                OfflineBatchSeconds = ParseNumber(line, key, value);
            }
            else if (key == "offlineAfterBatches")
            {
                OfflineAfterBatches = ParseNumber(line, key, value);
            }
            else if (key == "wifiSsid" || key == "wifiPassword")
            {
                throw Problem(line, key + " does not belong here: store Wi-Fi with nanoff --networkdeployment");
            }
            else
            {
                throw Problem(line, "unknown key '" + key + "'");
            }
        }

        private static void CheckPeriods(int sample, int batch, string sampleName, string batchName)
        {
            if (sample < 1)
            {
                throw new ArgumentException(sampleName + " must be at least 1");
            }

            if (batch < sample || batch % sample != 0)
            {
                throw new ArgumentException(batchName + " must be a multiple of " + sampleName);
            }

            if (batch / sample > MaxSamplesPerBatch)
            {
                throw new ArgumentException(batchName + " / " + sampleName + " must be at most 80 samples per batch");
            }
        }

        private static int ParseNumber(int line, string key, string value)
        {
            if (value.Length == 0 || value.Length > 9)
            {
                throw Problem(line, key + " must be a whole number");
            }

            int number = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < '0' || c > '9')
                {
                    throw Problem(line, key + " must be a whole number, got '" + value + "'");
                }

                number = number * 10 + (c - '0');
            }

            return number;
        }

        private static bool IsBoardId(string board)
        {
            if (board == null || board.Length == 0 || board.Length > 32)
            {
                return false;
            }

            for (int i = 0; i < board.Length; i++)
            {
                char c = board[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static ArgumentException Problem(int lineIndex, string message)
        {
            return new ArgumentException("ilm.conf line " + (lineIndex + 1).ToString() + ": " + message);
        }
    }
}
