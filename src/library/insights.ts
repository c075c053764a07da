/**
 * What drives the user's recommendations, from the trained model: per topic, the terms with the
 * largest positive weights (and the ones that count most against), in the words papers use
 * (the model keeps a surface form per stem). Pure.
 */
import type { RelevanceModel } from '../relevance/index';
import { termSurface } from '../relevance/term-surface';

export interface DrivingTerm {
  text: string;
  weight: number;
}

export interface TopicDrivers {
  topic: string;
  /** Stars the topic learned from. */
  stars: number;
  raising: DrivingTerm[];
  lowering: DrivingTerm[];
}

export function drivingTerms(model: RelevanceModel, perTopic = 8): TopicDrivers[] {
  return model.topics.map((topic) => {
    const terms = topic.terms.map((term, i) => ({ text: termSurface(model, term), weight: topic.weights[i] ?? 0 }));
    const distinct = (list: DrivingTerm[]) => {
      const seen = new Set<string>();
      return list.filter((t) => !seen.has(t.text.toLowerCase()) && seen.add(t.text.toLowerCase())).slice(0, perTopic);
    };
    return {
      topic: topic.name,
      stars: topic.nStars,
      raising: distinct(terms.filter((t) => t.weight > 0).sort((a, b) => b.weight - a.weight)),
      lowering: distinct(terms.filter((t) => t.weight < 0).sort((a, b) => a.weight - b.weight)),
    };
  });
}
