namespace IlmEnergy.Firmware.Metering
{
    /// <summary>
    /// BL0942 driver. Each <see cref="IMeter.TryRead"/> parses the reply to the previous poll, then sends
    /// the next poll (0x58|addr, 0xAA), so the loop never waits on the UART and values are at most one
    /// poll old. Power is reported as |WATT|: a plug only consumes, and the register's sign depends on how
    /// the board routes the shunt (Tasmota's sample bulb reads negative). Energy comes from CF_CNT,
    /// extended from 24 to 64 bits.
    /// </summary>
    public sealed class Bl0942Meter : MeterBase
    {
        private const int EnergyCounterBits = 24;

        private readonly ISerialLink _link;
        private readonly Bl0942Options _options;
        private readonly Bl0942FrameParser _parser;
        private readonly WrappingCounter _energyCounter = new WrappingCounter(EnergyCounterBits);
        private readonly byte[] _readBuffer = new byte[64];
        private readonly byte[] _pollRequest;

        public Bl0942Meter(ISerialLink link, Calibration calibration, Bl0942Options options)
            : base(calibration, 1, options.MaxPowerMilliWatts, options.StaleAfterMs)
        {
            _link = link;
            _options = options;
            _parser = new Bl0942FrameParser(options.Address, options.PartialFrameTimeoutMs);
            _pollRequest = Bl0942Commands.ReadAll(options.Address);
        }

        public override MeterChip Chip => MeterChip.Bl0942;

        /// <summary>Parser statistics (checksum errors, discarded bytes) for diagnostics.</summary>
        public Bl0942FrameParser Parser => _parser;

        public override void Start(long nowMs)
        {
            if (_options.WriteModeOnStart)
            {
                byte[][] setup = Bl0942Commands.SetupSequence(_options.Address, _options.SixtyHertz);
                for (int i = 0; i < setup.Length; i++)
                {
                    _link.Write(setup[i], 0, setup[i].Length);
                }
            }

            _link.Write(_pollRequest, 0, _pollRequest.Length);
        }

        protected override bool Pump(long nowMs)
        {
            bool fresh = false;
            int read;
            while ((read = _link.Read(_readBuffer, 0, _readBuffer.Length)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (_parser.Feed(_readBuffer[i], nowMs))
                    {
                        Apply(_parser.Frame, nowMs);
                        fresh = true;
                    }
                }
            }

            _link.Write(_pollRequest, 0, _pollRequest.Length);
            return fresh;
        }

        private void Apply(Bl0942Frame frame, long nowMs)
        {
            Calibration cal = Calibration;
            long rawPower = FixedPoint.Abs(frame.PowerRaw);

            Latest.RawVoltage = frame.VoltageRaw;
            Latest.RawCurrent = frame.CurrentRaw;
            Latest.RawPower = rawPower;
            Latest.VoltageMilliVolts = FixedPoint.ClampToInt(cal.ToMilliVolts(frame.VoltageRaw));
            Latest.CurrentMilliAmps = FixedPoint.ClampToInt(cal.ToMilliAmps(frame.CurrentRaw));
            Latest.PowerMilliWatts = FixedPoint.ClampToInt(cal.ToMilliWatts(rawPower));
            Latest.FrequencyMilliHertz = frame.FrequencyMilliHertz;

            ReadingFlags flags = ReadingFlags.VoltageValid | ReadingFlags.CurrentValid | ReadingFlags.PowerValid;
            if (frame.FrequencyPeriod != 0)
            {
                flags |= ReadingFlags.FrequencyValid;
            }

            SetChipFlags(flags);
            CountEnergy(_energyCounter.Update(frame.EnergyCounter), nowMs);
        }
    }
}
