"""The outcome indicators of the programme, after the WIOA primary indicators of performance
(US DOL TEGL 10-16 Change 1 and TEGL 14-18), adapted: employment in the 2nd and 4th
quarters after exit, the median income band in the 2nd, credential attainment, measurable
skill gain, retention with the same employer (WIOA's "effectiveness in serving employers"
since the joint final rule of 2024, 89 FR 13814), and the rates of self-employment,
business groups and further training; by batch, programme, kelurahan, sex or priority group.
Where WIOA matches wage records, this programme has its own placements and tracer survey
answers; self-employment and business groups count as employment, as WIOA counts
self-employment.

An exiter is an enrolment that completed or dropped out (as in WIOA, both leave the
programme); one that gave its seat up ("left") never took part and is nobody's exiter. Five
queries read the records of everybody counted; the rest is arithmetic in memory
(indicator_arithmetic), never a query per person.
"""

from balai.placement.indicators.definitions import Breakdown, Definition, definitions
from balai.placement.indicators.table import (
    Cell,
    Group,
    IndicatorTable,
    default_period,
    indicator_table,
)

__all__ = [
    "Breakdown",
    "Cell",
    "Definition",
    "Group",
    "IndicatorTable",
    "default_period",
    "definitions",
    "indicator_table",
]
