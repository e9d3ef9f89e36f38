namespace IlmEnergy.Firmware.Metering
{
    /// <summary>Outcome of <see cref="ReferenceMeasurement.Check"/>.</summary>
    public enum ReferenceCheck
    {
        Ok = 0,

        /// <summary>A true value from the reference meter is zero or negative.</summary>
        NonPositiveTrueValue = 1,

        /// <summary>A raw chip value is zero or negative (load not on, relay open, chip silent).</summary>
        NonPositiveRawValue = 2,

        /// <summary>True power differs from V × I by more than 3 %: the load is not resistive or a value was mistyped.</summary>
        NotResistive = 3,

        /// <summary>Energy counts were given but too few (fewer than MinEnergyCounts) or without elapsed time.</summary>
        TooFewEnergyCounts = 4,
    }

    /// <summary>
    /// What a reference-load calibration needs: the true values read from a trusted meter while a known
    /// resistive load (kettle, heater, incandescent lamp) runs, and the chip's raw values averaged over the
    /// same period (<see cref="MeterReading.RawVoltage"/> etc.). Energy counts are optional: when given, the
    /// energy constant is measured directly; otherwise it is scaled by the power correction, because the
    /// chip's energy pulses come from the same power measurement.
    /// </summary>
    public sealed class ReferenceMeasurement
    {
        /// <summary>Energy calibration needs at least this many raw counts for better than 0.5 % resolution.</summary>
        public const long MinEnergyCounts = 200;

        public long TrueVoltageMilliVolts { get; set; }

        public long TrueCurrentMilliAmps { get; set; }

        public long TruePowerMilliWatts { get; set; }

        public long RawVoltage { get; set; }

        public long RawCurrent { get; set; }

        public long RawPower { get; set; }

        /// <summary>Raw energy counted during <see cref="ElapsedMs"/> at the reference load; 0 to skip.</summary>
        public long RawEnergyDelta { get; set; }

        public long ElapsedMs { get; set; }

        public ReferenceCheck Check()
        {
            if (TrueVoltageMilliVolts <= 0 || TrueCurrentMilliAmps <= 0 || TruePowerMilliWatts <= 0)
            {
                return ReferenceCheck.NonPositiveTrueValue;
            }

            if (RawVoltage <= 0 || RawCurrent <= 0 || RawPower <= 0)
            {
                return ReferenceCheck.NonPositiveRawValue;
            }

            // Apparent power in mW: mV × mA / 1000. Resistive load: P within 3 % of V × I.
            long apparent = TrueVoltageMilliVolts * TrueCurrentMilliAmps / 1000;
            if (FixedPoint.Abs(apparent - TruePowerMilliWatts) * 100 > apparent * 3)
            {
                return ReferenceCheck.NotResistive;
            }

            if (RawEnergyDelta != 0 && (RawEnergyDelta < MinEnergyCounts || ElapsedMs <= 0))
            {
                return ReferenceCheck.TooFewEnergyCounts;
            }

            return ReferenceCheck.Ok;
        }
    }
}
