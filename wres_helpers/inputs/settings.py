"""The rules an organisation may choose, with the defaults the guide recommends."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Settings(BaseModel):
    """Method settings; each one is named in the report's method appendix."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    survey_min_respondents: int = Field(
        11, ge=1, description="survey results for a group with fewer respondents are not reported"
    )
    suppress_from: int = Field(1, ge=0, description="smallest staff count hidden in tables")
    suppress_to: int = Field(
        7, ge=0, description="largest staff count hidden in tables (0 turns suppression off)"
    )
    disciplinary_rolling: bool = Field(
        True,
        description="the disciplinary process's headline figure is the two-year rolling average",
    )
    capability_rolling: bool = Field(
        True, description="WDES metric 3's headline figure is the two-year rolling average"
    )
    wdes_non_adverse: bool = Field(
        True, description="WDES relative likelihoods are judged against the non-adverse range"
    )
    guaranteed_interview: bool = Field(
        False,
        description="the organisation guarantees Disabled applicants who meet a post's minimum "
        "criteria an interview (WDES metric 2 then says so: it raises the relative likelihood)",
    )
    non_adverse_low: float = Field(0.80, gt=0, description="lower end of the non-adverse range")
    non_adverse_high: float = Field(1.25, gt=0, description="upper end of the non-adverse range")
    small_numbers: int = Field(
        10, ge=1, description="an RL is flagged when either group has fewer events than this"
    )
    confidence: float = Field(0.95, gt=0, lt=1, description="level of every interval")

    @model_validator(mode="after")
    def _ranges(self):
        if self.non_adverse_low > self.non_adverse_high:
            raise ValueError("non_adverse_low must not be above non_adverse_high")
        if self.suppress_to and self.suppress_from > self.suppress_to:
            raise ValueError("suppress_from must not be above suppress_to")
        return self

    @property
    def suppresses(self) -> bool:
        return self.suppress_to > 0
