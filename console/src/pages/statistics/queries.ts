// The statistics dashboard (admins) and the public transparency page (anyone).
import { graphql } from '../../gql';

export const StatisticsSpread = graphql(`
  fragment StatisticsSpread on WorkingDaysSpread {
    count
    median
    p90
  }
`);

export const StatisticsCompliance = graphql(`
  fragment StatisticsCompliance on Compliance {
    ...ComplianceFigures
    withdrawn
    withoutDeadline
    answerDays {
      ...StatisticsSpread
    }
  }
`);

export const StatisticsDashboard = graphql(`
  query StatisticsDashboard($filter: StatisticsFilter) {
    statistics(filter: $filter) {
      period {
        from
        to
        timeZone
      }
      band
      totals {
        received
        disposed
        followedUp
        closed
        autoClosed
        archived
        reopened
        notAuthorityRequested
        notAuthorityAccepted
        notAuthorityRejected
        openNow
        overdueNow
        escalated
        reopenRate
        escalatedShare
        daysToDisposition {
          ...StatisticsSpread
        }
        daysToFirstAnswer {
          ...StatisticsSpread
        }
        daysToClosure {
          ...StatisticsSpread
        }
        dispositions
        compliance {
          ...StatisticsCompliance
        }
        satisfaction {
          ...StatisticsSatisfaction
        }
      }
      agencies {
        band
        rank
        agency {
          id
          code
          name
        }
        figures {
          received
          overdueNow
          dispositions
          compliance {
            ...StatisticsCompliance
          }
          satisfaction {
            ...StatisticsSatisfaction
          }
        }
      }
      monthly {
        month
        received
        closed
        dispositions
        compliance {
          met
          measured
          rate
        }
      }
      liaisons {
        id
        name
        answers
        answerDays {
          ...StatisticsSpread
        }
      }
    }
  }
`);

export const PublicStatisticsSummary = graphql(`
  query PublicStatisticsSummary($filter: PublicStatisticsFilter) {
    publicStatistics(filter: $filter) {
      period {
        from
        to
      }
      received
      followedUp
      closed
      band
      compliance {
        ...ComplianceFigures
      }
      agencies {
        received
        followedUp
        closed
        band
        rank
        agency {
          id
          code
          name
        }
        compliance {
          ...ComplianceFigures
        }
      }
    }
  }
`);
